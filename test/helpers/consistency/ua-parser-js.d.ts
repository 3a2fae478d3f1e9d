// ua-parser-js 1.x ships no types; this is the part the consistency checker uses.
declare module 'ua-parser-js' {
  interface UAResult {
    readonly browser: {
      readonly name?: string;
      readonly version?: string;
      readonly major?: string;
    };
    readonly os: { readonly name?: string; readonly version?: string };
  }
  export default class UAParser {
    constructor(userAgent?: string);
    getResult(): UAResult;
  }
}
