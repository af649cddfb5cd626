// Jest reporter (plain CommonJS: reporters are not transformed). After a test file with a failure,
// prints the tail of the api, worker and browser logs of this run, lists the failure screenshots,
// and keeps the log dir for a look.
const fs = require('node:fs');
const path = require('node:path');

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
    const stateFile = process.env.TTX_WEB_E2E_STATE;
    if (!stateFile || !fs.existsSync(stateFile)) return;
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    process.env.TTX_WEB_E2E_KEEP_LOGS = '1';
    const out = [`\n[web-e2e] a test failed in ${result.testFilePath}; logs kept in ${state.logDir}`];
    const browserLog = path.join(state.logDir, 'browser.log');
    for (const [name, file] of [['api', state.apiLog], ['worker', state.workerLog], ['browser', browserLog]]) {
      out.push(`----- last ${LINES} lines of the ${name} log (${file}) -----`, tail(file));
    }
    let shots = [];
    try {
      shots = fs.readdirSync(state.logDir).filter((f) => f.endsWith('.png'));
    } catch {
      /* no log dir */
    }
    if (shots.length) out.push('----- screenshots -----', ...shots.map((f) => path.join(state.logDir, f)));
    process.stderr.write(out.join('\n') + '\n\n');
  }
}

module.exports = LogTailReporter;
