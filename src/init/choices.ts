// The questions init asks on a terminal (language when ambiguous, registry type); without a terminal it never asks.
import { createInterface } from 'node:readline';
import type { Language } from '../config/model.js';
import type { Findings } from './inspect.js';
import { locateImage } from './deployment.js';
import { REGISTRY_TYPES, type Choices, type RegistryType } from './render.js';

export interface ChoiceOptions {
  language?: Language;
  registry?: RegistryType;
  /** Ask on this terminal; null: take the defaults. */
  terminal: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } | null;
}

/** The language to preset when there is no one to ask: the one the Dockerfile's base image names, else the first marker found. */
export function defaultLanguage(findings: Findings): Language {
  const hint = findings.dockerfile?.languageHint;
  if (hint && findings.languages.some((l) => l.language === hint)) return hint;
  return findings.languages[0]?.language ?? 'none';
}

/** Asks one question with numbered options; an empty answer or a closed input takes the default. */
function ask<T extends string>(terminal: NonNullable<ChoiceOptions['terminal']>, question: string, options: readonly T[], fallback: T): Promise<T> {
  const rl = createInterface({ input: terminal.input, output: terminal.output, terminal: false });
  const menu = options.map((o, i) => `  ${i + 1}) ${o}${o === fallback ? ' (default)' : ''}`).join('\n');
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: T): void => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(value);
    };
    rl.once('close', () => done(fallback));
    const prompt = (): void =>
      rl.question(`${question}\n${menu}\n> `, (answer) => {
        const text = answer.trim();
        if (text === '') return done(fallback);
        const chosen = /^[0-9]+$/.test(text) ? options[Number(text) - 1] : options.find((o) => o === text.toLowerCase());
        if (chosen) return done(chosen);
        terminal.output.write(`"${text}" is not one of the choices; answer with a number from 1 to ${options.length}\n`);
        prompt();
      });
    prompt();
  });
}

export async function makeChoices(findings: Findings, options: ChoiceOptions): Promise<Choices> {
  let language = options.language ?? defaultLanguage(findings);
  if (!options.language && options.terminal && findings.languages.length > 1) {
    language = await ask(
      options.terminal,
      `Found ${findings.languages.map((l) => `${l.file} (${l.language})`).join(', ')}: which language builds this repository?`,
      findings.languages.map((l) => l.language),
      language as Exclude<Language, 'none'>,
    );
  }
  // The registry the manifests' image names is the default: init then configures the image they already run.
  const found = findings.deployments.image ? locateImage(findings.deployments.image) : null;
  let registry: RegistryType = options.registry ?? found?.type ?? 'ecr';
  if (!options.registry && options.terminal && findings.dockerfile) {
    registry = await ask(options.terminal, 'Which registry receives the image?', REGISTRY_TYPES, registry);
  }
  return { language, registry };
}
