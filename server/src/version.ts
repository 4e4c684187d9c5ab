// The version has one home, package.json; each bundle carries it from there. A module of its
// own, so that the command line names it without loading the language server.
import { version } from '../../package.json';

export const VERSION: string = version;
