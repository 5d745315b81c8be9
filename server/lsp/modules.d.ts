/*
 * The vscode-languageserver packages publish their Node entry points only through package.json
 * "exports" ("./node"), which TypeScript's node10 module resolution (module: commonjs) does not
 * read. Node resolves them at run time; these declarations point the type checker at the same
 * files. With moduleResolution node16/bundler they are redundant and harmless.
 */
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}

declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
