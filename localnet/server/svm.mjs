// Creating the LiteSVM instance (the real Agave SVM behind a native addon) with a chosen feature set.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The low-level class takes wire bytes and raw 32-byte keys; the high-level one wants @solana/kit objects.
export const litesvm = require('litesvm/dist/internal');

export const FEATURE_SETS = ['all', 'default'];

/**
 * @param {'all'|'default'} features "all": every feature active, as a fresh solana-test-validator;
 *   "default": Agave's FeatureSet::default() (nothing activated, so SBPF v0 deploys are allowed).
 */
export function createSvm(features) {
  if (!FEATURE_SETS.includes(features)) {
    throw new Error(`unknown feature set ${JSON.stringify(features)}: use "all" or "default"`);
  }
  const svm = litesvm.LiteSvm.default();
  svm.setFeatureSet(features === 'all' ? litesvm.FeatureSet.allEnabled() : new litesvm.FeatureSet());
  svm.setBuiltins();
  svm.setLamports(1_000_000_000n * 1_000_000_000n);
  svm.setSysvars();
  svm.setPrecompiles();
  svm.setDefaultPrograms();
  svm.withNativeMints();
  svm.setSigverify(true);
  return svm;
}

export const LAMPORTS_PER_SOL = 1_000_000_000n;
