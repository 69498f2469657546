/**
 * The `course` module as the editor sees it: the real source of course.ts, of the Split type and of the Mixtures, Mixture
 * density networks, Autoencoders and Start here exercises' input types, wrapped in `declare module 'course'`, so the editor's types can never drift from what
 * the runtime passes.
 */
import courseSource from './course.ts?raw';
import splitSource from '../../graders/datasets/types.ts?raw';
import mixturesSource from '../../graders/mixtures/learner-types.ts?raw';
import mdnSource from '../../graders/mdn/learner-types.ts?raw';
import autoencodersSource from '../../graders/autoencoders/learner-types.ts?raw';
import startHereSource from '../../graders/start-here/learner-types.ts?raw';

/** Removes import/re-export lines: inside one ambient module the declarations sit side by side. */
const body = (src: string) => src.replace(/^(import|export type \{[^}]*\} from).*$/gm, '');

export const courseDeclarations = `declare module 'course' {\n${body(splitSource)}\n${body(mixturesSource)}\n${body(mdnSource)}\n${body(autoencodersSource)}\n${body(startHereSource)}\n${body(courseSource)}\n}\n`;
