// A jest reporter that appends one line per test file — seconds, project, path, outcome — to the file named
// by TEST_TIMINGS_FILE, and each failing (or flaky) test's name with the start of its failure to TEST_FAILURES_FILE.
// CI sets both and prints them at the end of its log, where a truncated log still shows them. Without the
// variables it does nothing.
const { appendFileSync } = require('node:fs');
const { relative, resolve } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

const WORKSPACE_ROOT = resolve(__dirname, '../..');
const FAILURE_LINES = 30;

class TimingsReporter {
  onTestResult(test, result) {
    const path = relative(WORKSPACE_ROOT, result.testFilePath);
    const timings = process.env.TEST_TIMINGS_FILE;
    if (timings) {
      const seconds = (result.perfStats.end - result.perfStats.start) / 1000;
      const project = test.context.config.displayName?.name ?? '';
      const outcome = result.numFailingTests > 0 || result.testExecError ? 'failed' : 'passed';
      appendFileSync(timings, `${seconds.toFixed(1)}\t${project}\t${path}\t${outcome}\n`);
    }
    const failures = process.env.TEST_FAILURES_FILE;
    if (!failures) return;
    const failed = result.testResults.filter((each) => each.status === 'failed');
    // A test that failed its retry too is shown with its first run's failure as well: the first is the cause, the
    // retry's may be only what the first run left behind.
    const messages = failed.map((each) => [
      each.fullName,
      ...(each.retryReasons ?? []).map((reason) => `(first run) ${reason}`),
      ...each.failureMessages.map((message) => (each.retryReasons?.length ? `(retry) ${message}` : message)),
    ]);
    // Passed on a retry (retry-in-ci.js): flaky, reported with the failure of its first run.
    for (const each of result.testResults.filter((test) => test.status === 'passed' && test.invocations > 1))
      messages.push([`FLAKY (passed on run ${each.invocations}): ${each.fullName}`, ...(each.retryReasons ?? [])]);
    if (result.testExecError)
      messages.push(['(the file did not run)', result.failureMessage || result.testExecError.message || String(result.testExecError)]);
    for (const [name, ...details] of messages) {
      const lines = details.flatMap((detail) => stripVTControlCharacters(detail).split('\n').slice(0, FAILURE_LINES));
      appendFileSync(failures, `-- ${path}: ${name}\n${lines.join('\n')}\n\n`);
    }
  }
}

module.exports = TimingsReporter;
