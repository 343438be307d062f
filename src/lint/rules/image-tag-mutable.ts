// Each build's image gets its own tag (the seed: build number and commit), or rollback cannot name the previous version.
import type { Rule } from '../rule.js';

const UNIQUE = /\{(build|commit|shortCommit)\}/;

export const rule: Rule = {
  id: 'image-tag-mutable',
  description: 'the image tag names one build: it holds {build}, {commit} or {shortCommit}',
  severity: 'error',
  check(model, report) {
    const tag = model.image?.tag;
    if (tag === undefined || UNIQUE.test(tag)) return;
    const why = tag === 'latest' ? '"latest" moves with every push' : `"${tag}" is the same for many builds`;
    report(['image', 'tag'], `the image tag ${why}, so a rollback cannot find the previous image; use "{build}-{shortCommit}"`);
  },
};
