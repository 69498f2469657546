/**
 * The `course` module as the editor sees it: the real source of course.ts and of the Split type, wrapped in
 * `declare module 'course'`, so the editor's types can never drift from what the runtime passes.
 */
import courseSource from './course.ts?raw';
import splitSource from '../../graders/datasets/types.ts?raw';
import gmmEmSource from '../../graders/problems/mixtures/gmm-em-types.ts?raw';

/** Removes import/re-export lines: inside one ambient module the declarations sit side by side. */
const body = (src: string) => src.replace(/^(import|export type \{[^}]*\} from).*$/gm, '');

export const courseDeclarations = `declare module 'course' {\n${body(splitSource)}\n${body(gmmEmSource)}\n${body(courseSource)}\n}\n`;
