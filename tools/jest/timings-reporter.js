// A jest reporter that appends one line per test file — seconds, project, path — to the file named by
// TEST_TIMINGS_FILE (CI sets it and prints the slowest files at the end). Without the variable it does nothing.
const { appendFileSync } = require('node:fs');
const { relative, resolve } = require('node:path');

const WORKSPACE_ROOT = resolve(__dirname, '../..');

class TimingsReporter {
  onTestResult(test, result) {
    const file = process.env.TEST_TIMINGS_FILE;
    if (!file) return;
    const seconds = (result.perfStats.end - result.perfStats.start) / 1000;
    const project = test.context.config.displayName?.name ?? '';
    const outcome = result.numFailingTests > 0 || result.testExecError ? 'failed' : 'passed';
    appendFileSync(file, `${seconds.toFixed(1)}\t${project}\t${relative(WORKSPACE_ROOT, result.testFilePath)}\t${outcome}\n`);
  }
}

module.exports = TimingsReporter;
