/** The study skeleton inserted by "Insert Study Skeleton": a complete, lint-shaped start. */
export const STUDY_SKELETON = `study \${1:my_study} "\${2:Title of the evaluation}" {
  summary: """
    \${3:What the study will find out, in plain language.}
    """
  aims: """
    \${4:What the evaluation sets out to learn, in a sentence or two.}
    """
  objectives: "\${5:Explore how people use the service this way}", "\${6:Explain how it changes staff work}"
  implementation_strategy: "\${7:How the tool is introduced: training, champions, support}"
  design: \${8|qualitative,quantitative,mixed_methods|}
  setting: "\${9:Where the study takes place}"
  duration: "\${10:12 months}"
  version: "\${11:0.1}"
  sponsor: "\${12:The sponsoring organisation}"
  funder: "\${13:The funder}"
  iras_id: "\${14:IRAS project id}"
  contact: "\${15:Study team, email and telephone}"
  complaints: "\${16:Who to complain to, independent of the team}"
  data_management: "\${17:Where recordings and transcripts are stored, who transcribes them and who can see them}"
  dissemination: "\${18:A summary for participants, a report to the service, open-access papers}"
  milestones: "\${19:Months 1-3: approvals}", "\${20:Months 4-9: interviews}", "\${21:Months 10-12: analysis and reporting}"
  frameworks: \${22|npt,cfir.inner_setting,coproduction,four_cos,reaim,proctor,nasss|}, digital_inclusion

  actor \${23:service_user}: service_user "\${24:People using the service}" {
    inclusion: "\${25:Aged 18 or over}", "\${26:Used the service in the last three months}"
  }
  actor \${27:practitioner}: staff "\${28:Staff delivering the service}" {
    inclusion: "\${29:Delivers the service at a study site}"
  }

  tool \${30:app} "\${31:The digital tool under evaluation}" {
    platform: "\${32:Web}"
    known_as: "\${33:the app}"
  }

  service \${34:care_service} "\${35:The service}" {
    touchpoint \${36:first_contact} "\${37:How people first reach the service}" {
      stage: "access"
      channel: \${38|digital,face_to_face,telephone,video,paper,hybrid|}
      via: \${30:app}
      actors: \${23:service_user}, \${27:practitioner}
    }
  }

  question \${39:experience} "\${40:What is it like to use the service this way?}" {
    about: \${36:first_contact}
    perspective: both
    constructs: \${41:digital_inclusion.access}
    methods: \${42:interviews}
    ask_service_user: "\${43:Can you tell me about the last time you used it?}"
    ask_staff: "\${44:Can you talk me through the last time you used it with someone?}"
  }

  method \${42:interviews}: interview "\${45:Semi-structured interviews}" {
    participants: \${23:service_user}, \${27:practitioner}
    sample: \${46:12..16}
    mode: face_to_face
    recording: audio
    duration: \${47:45}
    consent: written
    recruitment: "\${48:How participants are identified and approached, and by whom}"
    sampling: "\${49:Purposive by site and role}"
    analysis: "\${50:Framework analysis with the selected frameworks as the initial frame}"
  }

  ethics {
    classification: research
    consent: written
    lawful_basis: "\${51:UK GDPR Article 6(1)(e) and Article 9(2)(j)}"
    retention: "\${52:Five years after the end of the study}"
    withdrawal: "\${53:Until two weeks after the interview}"
    public_involvement: "\${54:How people with lived experience shape the study}"
  }
}
$0`;
