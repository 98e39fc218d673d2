// Reads BPMN files with bpmn-moddle, the parser of bpmn.io (Camunda Modeler), as that tool would.
//
//   node tests/bpmn/moddle_check.mjs file.bpmn [more.bpmn ...]
//
// Prints one JSON object per line: {"file": ..., "warnings": [...], "error": ...}; exits 1 when a
// file cannot be read or gives a warning (an unknown element or attribute, a reference to nothing),
// 0 when every file reads cleanly. Used by tests/bpmn/test_outside_tools.py.

import { readFile } from 'node:fs/promises';

import { BpmnModdle } from 'bpmn-moddle';

const moddle = new BpmnModdle();
let failed = false;

for (const file of process.argv.slice(2)) {
  const result = { file, warnings: [], error: null };
  try {
    const xml = await readFile(file, 'utf8');
    const { rootElement, warnings } = await moddle.fromXML(xml);
    result.warnings = warnings.map((warning) => warning.message.split('\n')[0]);
    if (!rootElement || rootElement.$type !== 'bpmn:Definitions') {
      result.error = `root element is ${rootElement && rootElement.$type}`;
    }
  } catch (error) {
    result.error = error.message.split('\n')[0];
  }
  failed = failed || result.error !== null || result.warnings.length > 0;
  console.log(JSON.stringify(result));
}

process.exit(failed ? 1 : 0);
