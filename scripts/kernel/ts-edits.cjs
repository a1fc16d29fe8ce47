// The anchored edits compile-speed.cjs makes to tslab's typescript.js, in a module of their own so that the kernel's launcher can key its startup snapshot on them without loading TypeScript.
'use strict';

/** Each edit names text that must occur exactly once in tslab's typescript.js (see tslab-patch.cjs applyEdits). */
const TS_EDITS = [
  {
    why: 'a hook object the program and checker below can reach (compile-speed.cjs)',
    find: '\nvar ts = (() => {\n',
    replace: '\nvar __mlinHooks = { createChecker: undefined, diagnostics: undefined, preparsed: undefined };\nvar ts = (() => {\n',
  },
  {
    why: "a program asks the hook for its type checker (compile-speed.cjs)",
    find: '      return typeChecker || (typeChecker = createTypeChecker(program));',
    replace: '      return typeChecker || (typeChecker = __mlinHooks.createChecker ? __mlinHooks.createChecker(program, createTypeChecker) : createTypeChecker(program));',
  },
  {
    why: "a new checker hands over its diagnostic store (compile-speed.cjs)",
    find: '    var diagnostics = createDiagnosticCollection();\n    var suggestionDiagnostics = createDiagnosticCollection();',
    replace: '    var diagnostics = createDiagnosticCollection();\n    __mlinHooks.diagnostics = diagnostics;\n    var suggestionDiagnostics = createDiagnosticCollection();',
  },
  {
    why: "a diagnostic store can forget one file's diagnostics (compile-speed.cjs)",
    find: '      getDiagnostics: getDiagnostics2\n    };\n    function lookup(diagnostic) {',
    replace: '      getDiagnostics: getDiagnostics2,\n      forgetFile(fileName) { if (fileDiagnostics.has(fileName)) fileDiagnostics.set(fileName, []); }\n    };\n    function lookup(diagnostic) {',
  },
  {
    why: "createSourceFile may return a SourceFile the kernel's startup snapshot parsed from the same text (snapshot.cjs)",
    find: '  function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {\n    var _a2, _b;\n',
    replace: '  function createSourceFile(fileName, sourceText, languageVersionOrOptions, setParentNodes = false, scriptKind) {\n    var _a2, _b;\n' +
      '    if (__mlinHooks.preparsed) {\n' +
      '      const o = typeof languageVersionOrOptions === "object" ? languageVersionOrOptions : { languageVersion: languageVersionOrOptions };\n' +
      '      const pre = o.languageVersion !== 100 ? __mlinHooks.preparsed(fileName, sourceText, o.languageVersion, setParentNodes, scriptKind) : void 0;\n' +
      '      if (pre) {\n' +
      '        if (o.impliedNodeFormat !== void 0) pre.impliedNodeFormat = o.impliedNodeFormat;\n' +
      '        (o.setExternalModuleIndicator || setExternalModuleIndicator)(pre);\n' +
      '        return pre;\n' +
      '      }\n' +
      '    }\n',
  },
  {
    why: 'the hook object exported (compile-speed.cjs)',
    find: '\nif (typeof module !== "undefined" && module.exports) { module.exports = ts; }',
    replace: '\nif (typeof module !== "undefined" && module.exports) { module.exports = ts; Object.defineProperty(ts, "__mlinHooks", { value: __mlinHooks }); }',
  },
];

module.exports = { TS_EDITS };
