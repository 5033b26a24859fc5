// Test double for the ms-python.python extension API used by tflint (environments.*), for the e2e test only.
const vscode = require('vscode');

exports.activate = function () {
  const exe = process.env.TFLINT_E2E_FAKE_PYTHON;
  const changed = new vscode.EventEmitter();
  return {
    environments: {
      getActiveEnvironmentPath: () => ({ id: 'tflint-e2e', path: exe }),
      resolveEnvironment: async () => ({ executable: { uri: exe ? vscode.Uri.file(exe) : undefined } }),
      onDidChangeActiveEnvironmentPath: changed.event,
    },
  };
};
exports.deactivate = function () {};
