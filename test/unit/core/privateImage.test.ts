import assert from 'node:assert/strict';
import { onPublicRegistry, privateImageProblem, registryHost } from '../../../src/core/privateImage';
import {
  newlyListed,
  validateCredentialName,
  validatePassword,
  validateUsername,
} from '../../../src/core/registryCredentials';

describe('private images: which need a registry credential, and the refusal before anything is sent', () => {
  it('reads the registry host the way Docker does (Docker Hub when the first part has no dot or port)', () => {
    assert.equal(registryHost('pytorch/pytorch:2.2.1'), 'docker.io');
    assert.equal(registryHost('ubuntu'), 'docker.io');
    assert.equal(registryHost('registry.example.com/team/env:v1'), 'registry.example.com');
    assert.equal(registryHost('localhost:5000/me/img'), 'localhost:5000');
    assert.equal(registryHost('Harbor.Corp:8443/a/b:1'), 'harbor.corp:8443');
  });

  it('takes Docker Hub, GHCR, NGC, Quay, GCR and public ECR as public; any other registry as private', () => {
    for (const image of [
      'pytorch/pytorch:2',
      'ghcr.io/me/app:1',
      'nvcr.io/nvidia/pytorch:24.05-py3',
      'us-docker.gcr.io/x/y',
    ])
      assert.ok(onPublicRegistry(image), image);
    for (const image of [
      'registry.example.com/team/env:v1',
      'localhost:5000/me/img',
      '123.dkr.ecr.us-east-1.amazonaws.com/x',
    ])
      assert.ok(!onPublicRegistry(image), image);
  });

  it('refuses a private-registry image without a credential, saying which registry and what to do', () => {
    assert.equal(
      privateImageProblem({ image: 'registry.example.com/team/env:v1' }, undefined),
      '"registry.example.com/team/env:v1" needs a registry credential (registry.example.com is not a public registry): pick one or add one in the image step',
    );
    assert.equal(privateImageProblem({ image: 'registry.example.com/team/env:v1' }, { credentialId: '7' }), undefined);
  });

  it('takes the user at their word when they say a private-registry image is public', () => {
    assert.equal(privateImageProblem({ image: 'registry.example.com/open/env:v1' }, 'public'), undefined);
  });

  it('an image saved with a credential needs one whatever the user says; one saved without needs none', () => {
    const saved = { image: 'pytorch/mine:v1', saved: { credentialId: 'ra-1' } };
    assert.match(privateImageProblem(saved, 'public')!, /saved to a private registry with a credential/);
    assert.equal(privateImageProblem(saved, { credentialId: 'ra-1' }), undefined);
    assert.equal(privateImageProblem({ image: 'image.platform.example/u/env:v1', saved: {} }, undefined), undefined);
  });

  it('says why no credential could be given when that is the reason', () => {
    assert.match(
      privateImageProblem({ image: 'r.example.com/a:1' }, undefined, 'the list of credentials could not be loaded')!,
      /, and none can be given: the list of credentials could not be loaded$/,
    );
  });

  it('checks what a credential needs before the cloud is asked', () => {
    assert.ok(validateCredentialName('  '));
    assert.ok(validateUsername('my user'), 'no spaces in a user name');
    assert.ok(validatePassword(''));
    assert.ok(validatePassword('two\nlines'));
    assert.ok(validatePassword('x'.repeat(501)), 'at most 500 characters (Novita)');
    assert.equal(validatePassword('tok-éü 123'), undefined);
  });

  it('finds a credential the cloud answered without an id: the new one with that name', () => {
    const before = [{ id: 'a', name: 'same' }];
    const after = [...before, { id: 'b', name: 'same' }, { id: 'c', name: 'other' }];
    assert.deepEqual(newlyListed(before, after, 'same'), { id: 'b', name: 'same' });
    assert.equal(newlyListed([], after, 'same'), undefined, 'two new ones with the name: cannot tell which');
  });
});
