/** The Activation & depth exercises check themselves; the rules live in tests/helpers/corpus.ts. */
import { describeModuleCorpus } from '../helpers/corpus.ts';

describeModuleCorpus('04-activation-depth');
