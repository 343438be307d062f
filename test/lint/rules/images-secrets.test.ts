// Rule cases for image tags, registry credentials and secrets written into the file.
import { test } from 'uvu';
import { ruleCases } from '../../support/lint.js';

ruleCases('image-tag-mutable', {
  valid: [
    { name: 'build and commit', patch: {} },
    { name: 'commit only', patch: { image: { tag: 'v-{commit}' } } },
    { name: 'no image', patch: { image: null } },
  ],
  invalid: [
    { name: 'latest', patch: { image: { tag: 'latest' } }, paths: [['image', 'tag']] },
    { name: 'branch only', patch: { image: { tag: '{branch}' } }, paths: [['image', 'tag']] },
  ],
});

ruleCases('registry-credentials-missing', {
  valid: [{ name: 'credentialsId given', patch: {} }],
  invalid: [
    {
      name: 'Docker Hub without credentials',
      patch: { image: { registry: { type: 'dockerhub', url: null, credentialsId: null } } },
      paths: [['image', 'registry']],
    },
  ],
});

ruleCases('secret-in-config', {
  valid: [
    { name: 'credential IDs only', patch: {} },
    { name: 'a variable reference under a token key', patch: { image: { buildArgs: { NPM_TOKEN_FILE: '/run/secrets/npm', GITHUB_TOKEN: '$GITHUB_TOKEN' } } } },
    { name: 'a low-entropy value under a password key', patch: { image: { buildArgs: { PASSWORD_POLICY: 'strict' } } } },
  ],
  invalid: [
    {
      name: 'an AWS access key in a build argument',
      patch: { image: { buildArgs: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' } } },
      paths: [['image', 'buildArgs', 'AWS_ACCESS_KEY_ID']],
    },
    {
      name: 'a GitHub token as a credentials ID',
      patch: { gitops: { credentialsId: 'ghp_abcdefghijklmnopqrstuvwxyzABCDEF012345' } },
      paths: [['gitops', 'credentialsId']],
    },
    {
      name: 'a Slack token in a command',
      patch: {
        custom: [
          { name: 'Ping', after: 'deploy', run: ['curl -H "Authorization: Bearer xoxb-1234567890-abcdefghijkl" https://slack.com/api/chat.postMessage'] },
        ],
      },
      paths: [['custom', 0, 'run', 0]],
    },
    {
      name: 'a private key block',
      patch: {
        custom: [
          { name: 'Key', before: 'deploy', run: 'printf "%s" "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----" > id' },
        ],
      },
      paths: [['custom', 0, 'run']],
    },
    { name: 'a high-entropy password', patch: { image: { buildArgs: { DB_PASSWORD: 'x7Gq2LmP9vRt' } } }, paths: [['image', 'buildArgs', 'DB_PASSWORD']] },
  ],
});

ruleCases('credentials-in-url', {
  valid: [
    { name: 'https without userinfo', patch: {} },
    { name: 'ssh login name', patch: { custom: [{ name: 'Mirror', after: 'publish', run: 'git push ssh://git@github.com/acme/mirror.git HEAD:main' }] } },
  ],
  invalid: [
    {
      name: 'a token variable in a push URL',
      patch: { custom: [{ name: 'Bump', after: 'publish', run: 'git push https://${GITHUB_TOKEN}@github.com/acme/k8s.git HEAD:main' }] },
      paths: [['custom', 0, 'run']],
    },
    {
      name: 'user and password in a URL',
      patch: { build: { install: 'pip install --index-url https://deploy:s3cr3tpass@pypi.acme.internal/simple -r requirements.txt' } },
      paths: [['build', 'install']],
    },
  ],
});

test.run();
