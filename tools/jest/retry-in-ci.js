// In CI a failed test runs once more (as Playwright's CI default does): an unlucky moment on a loaded
// 2-core machine must not lose a landing. A test that passes only on its second run is reported as flaky
// at the end of the CI log (timings-reporter.js), with its first failure, so it gets fixed, not forgotten.
if (process.env.CI === 'true') jest.retryTimes(1, { logErrorsBeforeRetry: true });
