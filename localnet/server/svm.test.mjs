import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createSvm, litesvm, publicClusterFeatureSet, PUBLIC_CLUSTER_FEATURES } from './svm.mjs';
import { decodePubkey } from './keys.mjs';

test('the default feature set activates the features of the public clusters that the v0 build needs', () => {
  const set = publicClusterFeatureSet();
  for (const [name, id] of Object.entries(PUBLIC_CLUSTER_FEATURES)) {
    assert.ok(set.isActive(decodePubkey(id)), `${name} active`);
    assert.equal(set.activatedSlot(decodePubkey(id)), 0n, `${name} active since genesis`);
    assert.ok(!new litesvm.FeatureSet().isActive(decodePubkey(id)), `${name} is not in FeatureSet::default() itself`);
  }
  createSvm('default');
});
