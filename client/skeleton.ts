/** The study skeleton inserted by "Insert Study Skeleton": a complete, lint-shaped start. */
export const STUDY_SKELETON = `study \${1:my_study} "\${2:Title of the evaluation}" {
  summary: """
    \${3:What the study will find out, in plain language.}
    """
  design: \${4|qualitative,quantitative,mixed_methods|}
  setting: "\${5:Where the study takes place}"
  frameworks: \${6|npt,cfir.inner_setting,coproduction,four_cos,reaim,proctor,nasss|}, digital_inclusion

  actor \${7:service_user}: service_user "\${8:People using the service}"
  actor \${9:practitioner}: staff "\${10:Staff delivering the service}"

  tool \${11:app} "\${12:The digital tool under evaluation}" {
    platform: "\${13:Web}"
  }

  service \${14:service} "\${15:The service}" {
    touchpoint \${16:first_contact} "\${17:How people first reach the service}" {
      stage: "access"
      channel: \${18|digital,face_to_face,telephone,video,paper,hybrid|}
      via: \${11:app}
      actors: \${7:service_user}, \${9:practitioner}
    }
  }

  question \${19:experience} "\${20:What is it like to use the service this way?}" {
    about: \${16:first_contact}
    perspective: both
    constructs: \${21:digital_inclusion.access}
    methods: \${22:interviews}
    probes: "\${23:Can you tell me about the last time?}"
  }

  method \${22:interviews}: interview "\${24:Semi-structured interviews}" {
    participants: \${7:service_user}, \${9:practitioner}
    sample: \${25:12..16}
    mode: face_to_face
    recording: audio
  }

  ethics {
    classification: research
    consent: written
    retention: "\${26:Five years after the end of the study}"
    withdrawal: "\${27:Until two weeks after the interview}"
  }
}
$0`;
