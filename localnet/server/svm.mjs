// Creating the LiteSVM instance (the real Agave SVM behind a native addon) with a chosen feature set.
import { createRequire } from 'node:module';

import { decodePubkey } from './keys.mjs';

const require = createRequire(import.meta.url);
// The low-level class takes wire bytes and raw 32-byte keys; the high-level one wants @solana/kit objects.
export const litesvm = require('litesvm/dist/internal');

export const FEATURE_SETS = ['all', 'default'];

/**
 * Features the "default" set activates on top of Agave's FeatureSet::default(): ones active on
 * mainnet-beta, devnet and testnet that the programs' SBPF v0 build (the build for a cluster
 * without SBPF v3) needs. curve25519_syscall_enabled: sol_curve_validate_point, which the SDK's PDA
 * derivation calls (programs/COMPUTE_UNITS.md).
 */
export const PUBLIC_CLUSTER_FEATURES = {
  curve25519_syscall_enabled: '7rcw5UtqgDTBBv2EcynNfYckgdAaH1MAsCjKgXMkN7Ri',
};

/**
 * @param {'all'|'default'} features "all": every feature active, as a fresh solana-test-validator;
 *   "default": Agave's FeatureSet::default() (nothing activated, so SBPF v0 deploys are allowed)
 *   plus PUBLIC_CLUSTER_FEATURES: a public cluster that runs SBPF v0 only.
 */
export function createSvm(features) {
  if (!FEATURE_SETS.includes(features)) {
    throw new Error(`unknown feature set ${JSON.stringify(features)}: use "all" or "default"`);
  }
  const svm = litesvm.LiteSvm.default();
  svm.setFeatureSet(featureSetOf(features));
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

/** FeatureSet::default() with PUBLIC_CLUSTER_FEATURES active since slot 0. */
/** The LiteSVM feature set that createSvm gives `features` ("all" or "default"). */
export function featureSetOf(features) {
  return features === 'all' ? litesvm.FeatureSet.allEnabled() : publicClusterFeatureSet();
}

export function publicClusterFeatureSet() {
  const set = new litesvm.FeatureSet();
  for (const [name, id] of Object.entries(PUBLIC_CLUSTER_FEATURES)) set.activate(decodePubkey(id, name), 0n);
  return set;
}
