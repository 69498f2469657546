/**
 * Shiki transformer for Expressive Code: tokenize every line fully, however long it takes.
 *
 * Why: Shiki gives each line 500 ms of wall clock (`tokenizeTimeLimit`); past that, vscode-textmate stops and
 * returns the rest of the line as one token in whatever scope it was in, and Shiki does not say so. The first line
 * a build tokenizes also pays for compiling the grammar's regular expressions, so on a loaded machine it can run
 * out. Expressive Code tokenizes each block once per theme, dark theme first, so the cold pass is the dark one: on
 * the lessons whose first code line is a comment, the scope stayed "comment" into the next line, and two builds of
 * the same tree differed in that line's dark-theme colours. Our code blocks are short and our own, so a build
 * that waits is better than a page that changes with the machine's load.
 */

/** The part of Shiki's tokenize options this transformer sets (Shiki's own type is not a direct dependency). */
interface TokenizeOptions {
  tokenizeTimeLimit?: number;
}

/** A Shiki transformer (its `preprocess` hook sees the tokenize options before every block and theme). */
export interface NoTimeLimitTransformer {
  name: string;
  preprocess(this: unknown, code: string, options: TokenizeOptions): undefined;
}

/** Pass in Starlight's `expressiveCode: { shiki: { transformers: [shikiNoTimeLimit] } }`. */
export const shikiNoTimeLimit: NoTimeLimitTransformer = {
  name: 'rdl:shiki-no-time-limit',
  preprocess(_code, options) {
    // 0 turns the limit off (vscode-textmate checks the clock only when the limit is not 0).
    options.tokenizeTimeLimit = 0;
    return undefined;
  },
};
