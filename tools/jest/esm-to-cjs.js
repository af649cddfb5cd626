// Some Node dependencies ship ESM only (e.g. content-disposition 3, used by @fastify/static).
// Node 20 can require() them; jest cannot, so transpile them to CommonJS for tests.
const ts = require('typescript');

module.exports = {
  process(source, filename) {
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: out.outputText };
  },
};
