// What the browser bundle of the integration suite gets for node:fs, node:os and node:path: the
// suite imports them for the tests the web suite leaves out (web/suite.ts), so any call is a
// test that should not have run there.

const missing = (name: string) => () => {
  throw new Error(`${name} is Node's: this test needs a process of its own and belongs in web/suite.ts's NEEDS_A_PROCESS`);
};

export const mkdtempSync = missing('fs.mkdtempSync');
export const readFileSync = missing('fs.readFileSync');
export const rmSync = missing('fs.rmSync');
export const mkdirSync = missing('fs.mkdirSync');
export const writeFileSync = missing('fs.writeFileSync');
export const renameSync = missing('fs.renameSync');
export const tmpdir = missing('os.tmpdir');
export const join = missing('path.join');
export const dirname = missing('path.dirname');
