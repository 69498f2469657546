/** The Autoencoders & dimensionality reduction exercises check themselves; the rules live in tests/helpers/corpus.ts. */
import { describeModuleCorpus } from '../helpers/corpus.ts';

describeModuleCorpus('03-autoencoders');
