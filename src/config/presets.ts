// Language presets: the install, lint and test commands and report paths a language's projects usually have.
import type { Build, Language } from './model.js';

export type Preset = Omit<Build, 'language'> & { image: string };

export const PRESETS: Record<Language, Preset> = {
  python: {
    image: 'python:3.12-slim',
    install: ['pip install -r requirements.txt'],
    lint: [],
    test: ['mkdir -p reports', 'python -m pytest --junitxml=reports/junit.xml --cov=. --cov-report=xml:reports/coverage.xml'],
    junit: 'reports/junit.xml',
    coverage: 'reports/coverage.xml',
    coverageFormat: 'cobertura',
  },
  node: {
    image: 'node:20-bookworm-slim',
    install: ['npm ci'],
    lint: ['npm run lint --if-present'],
    test: ['npm test'],
    junit: 'reports/junit.xml',
    coverage: 'coverage/cobertura-coverage.xml',
    coverageFormat: 'cobertura',
  },
  go: {
    image: 'golang:1.23',
    install: ['go mod download'],
    lint: ['go vet ./...'],
    test: [
      'mkdir -p reports',
      'go run gotest.tools/gotestsum@v1.12.0 --junitfile reports/junit.xml -- -coverprofile=reports/coverage.out ./...',
      'go run github.com/boumenot/gocover-cobertura@v1.3.0 < reports/coverage.out > reports/coverage.xml',
    ],
    junit: 'reports/junit.xml',
    coverage: 'reports/coverage.xml',
    coverageFormat: 'cobertura',
  },
  maven: {
    image: 'maven:3.9-eclipse-temurin-21',
    install: ['mvn -B -q dependency:go-offline'],
    lint: [],
    test: ['mvn -B verify'],
    junit: 'target/surefire-reports/*.xml',
    coverage: 'target/site/jacoco/jacoco.xml',
    coverageFormat: 'jacoco',
  },
  none: {
    image: 'debian:bookworm-slim',
    install: [],
    lint: [],
    test: [],
    junit: null,
    coverage: null,
    coverageFormat: 'cobertura',
  },
};
