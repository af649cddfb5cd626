// Jest reporter (plain CommonJS: reporters are not transformed). After a test file with a failure,
// prints the tail of the api and worker logs of this run, and keeps the log files for a look.
const fs = require('node:fs');

const LINES = 80;

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-LINES).join('\n');
  } catch {
    return '(no log)';
  }
}

class LogTailReporter {
  onTestResult(_test, result) {
    if (!result.numFailingTests && !result.testExecError) return;
    const stateFile = process.env.TTX_API_E2E_STATE;
    if (!stateFile || !fs.existsSync(stateFile)) return;
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    process.env.TTX_API_E2E_KEEP_LOGS = '1';
    const out = [`\n[api-e2e] a test failed in ${result.testFilePath}; logs kept in ${state.logDir}`];
    for (const [name, file] of [['api', state.apiLog], ['worker', state.workerLog]]) {
      out.push(`----- last ${LINES} lines of the ${name} log (${file}) -----`, tail(file));
    }
    process.stderr.write(out.join('\n') + '\n\n');
  }
}

module.exports = LogTailReporter;
