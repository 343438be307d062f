// init's reading of test configurations (pytest, jest, Maven) and of manifest image names: each source, and what is left TODO.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempDir, removeDir, writeFiles } from '../support/git-repo.js';
import { readTestReports } from '../../src/init/test-reports.js';
import { locateImage } from '../../src/init/deployment.js';

const dirs: string[] = [];
function repo(files: Record<string, string>): { dir: string; files: Set<string> } {
  const dir = tempDir('pw-init-reports-');
  dirs.push(dir);
  writeFiles(dir, files);
  return { dir, files: new Set(Object.keys(files)) };
}
test.after(() => dirs.forEach(removeDir));

test('pytest: addopts naming both reports (INI continuation lines, TOML list) are used; naming one keeps the preset', () => {
  const ini = repo({ 'pytest.ini': '[pytest]\naddopts =\n    --junitxml=out/junit.xml\n    --cov=app --cov-report=xml:out/cov.xml\n' });
  const a = readTestReports(ini.dir, ini.files, 'python');
  assert.equal([a.test, a.junit, a.coverage], ['python -m pytest', 'out/junit.xml', 'out/cov.xml']);
  const toml = repo({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = ["--junit-xml=r/j.xml", "--cov-report=xml"]\n' });
  const b = readTestReports(toml.dir, toml.files, 'python');
  assert.equal([b.junit, b.coverage], ['r/j.xml', 'coverage.xml']);
  const one = repo({ 'setup.cfg': '[tool:pytest]\naddopts = --junitxml=r/j.xml\n' });
  assert.equal(readTestReports(one.dir, one.files, 'python'), { notes: {}, todo: {} });
});

test('jest: a jest.config.js read as text (never run), lcov by default, jest-junit options from package.json', () => {
  const r = repo({
    'package.json': JSON.stringify({
      scripts: { test: 'jest' },
      devDependencies: { jest: '29', 'jest-junit': '16' },
      'jest-junit': { outputDirectory: 'reports/unit' },
    }),
    'jest.config.js': "module.exports = {\n  coverageDirectory: '<rootDir>/out/cov',\n  reporters: ['default', 'jest-junit'],\n};\nprocess.exit(1);\n",
  });
  const reports = readTestReports(r.dir, r.files, 'node');
  assert.equal([reports.coverage, reports.coverageFormat, reports.junit], ['out/cov/lcov.info', 'lcov', 'reports/unit/junit.xml']);
  assert.is(reports.test, 'npm test -- --ci --coverage', 'jest-junit is already a reporter: no flag added');
  assert.equal(reports.todo, {});
});

test('jest without jest-junit is a TODO for the JUnit path; jest-junit as a dependency only is added as a reporter', () => {
  const bare = repo({ 'package.json': JSON.stringify({ scripts: { test: 'jest' }, jest: { coverageReporters: ['cobertura'] } }) });
  const a = readTestReports(bare.dir, bare.files, 'node');
  assert.ok(a.todo.junit, 'no JUnit writer: TODO');
  assert.is(a.coverage, 'coverage/cobertura-coverage.xml');
  const dep = repo({ 'package.json': JSON.stringify({ scripts: { test: 'jest' }, devDependencies: { 'jest-junit': '16' } }) });
  const b = readTestReports(dep.dir, dep.files, 'node');
  assert.is(b.test, 'npm test -- --ci --coverage --reporters=default --reporters=jest-junit');
  assert.is(b.junit, 'junit.xml');
  const mocha = repo({ 'package.json': JSON.stringify({ scripts: { test: 'mocha' } }) });
  const c = readTestReports(mocha.dir, mocha.files, 'node');
  assert.ok(c.todo.junit && c.todo.coverage);
  assert.is(c.test, undefined, 'a test command that is not jest is kept');
});

test('Maven: surefire reportsDirectory and jacoco outputDirectory under target; no jacoco report goal is a TODO', () => {
  const pom = (jacoco: string) =>
    `<project><build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><configuration><reportsDirectory>\${project.build.directory}/test-xml</reportsDirectory></configuration></plugin>${jacoco}</plugins></build></project>`;
  const full = repo({
    'pom.xml': pom(
      '<plugin><artifactId>jacoco-maven-plugin</artifactId><executions><execution><goals><goal>report</goal></goals><configuration><outputDirectory>${project.build.directory}/jacoco</outputDirectory></configuration></execution></executions></plugin>',
    ),
  });
  const a = readTestReports(full.dir, full.files, 'maven');
  assert.equal([a.junit, a.coverage, a.coverageFormat], ['target/test-xml/*.xml', 'target/jacoco/jacoco.xml', 'jacoco']);
  const agentOnly = repo({
    'pom.xml': pom(
      '<plugin><artifactId>jacoco-maven-plugin</artifactId><executions><execution><goals><goal>prepare-agent</goal></goals></execution></executions></plugin>',
    ),
  });
  assert.match(readTestReports(agentOnly.dir, agentOnly.files, 'maven').todo.coverage!, /no "report" goal/);
});

test('image names split into the registry pipeline.yaml configures and the repository under it', () => {
  assert.equal(locateImage('harbor.acme.internal/payments/billing-service'), {
    type: 'generic',
    url: 'harbor.acme.internal',
    repository: 'payments/billing-service',
  });
  assert.equal(locateImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders'), {
    type: 'ecr',
    url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    repository: 'orders',
  });
  assert.equal(locateImage('nginx'), { type: 'dockerhub', url: 'docker.io', repository: 'nginx' });
  assert.equal(locateImage('registry.local:5000/team/app'), { type: 'generic', url: 'registry.local:5000', repository: 'team/app' });
  assert.is(locateImage('Registry.Example/App'), null, 'a name the schema rejects is not written');
});

test.run();
