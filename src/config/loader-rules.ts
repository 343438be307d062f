// The rule ids the loader reports (before any lint rule runs), with what each means: for SARIF rule metadata and docs.

export const LOADER_RULES: Readonly<Record<string, string>> = {
  unreadable: 'The file cannot be read (missing, a folder, no permission).',
  encoding: 'The file is not UTF-8 text (binary content, another encoding, a UTF-16 byte-order mark).',
  'file-too-large': 'The file is larger than 1 MiB.',
  'yaml-syntax': 'The text is not valid YAML.',
  'yaml-root': 'The file is empty, or its top level is not a mapping.',
  'yaml-multiple-documents': 'The file holds more than one YAML document.',
  'yaml-duplicate-key': 'A mapping has the same key twice.',
  'yaml-tab-indent': 'A line is indented with a tab.',
  'yaml-aliases': 'The file uses more aliases than allowed, or aliases expand it beyond the limit.',
  'yaml-unicode': 'A string holds half of a UTF-16 surrogate pair, which is not Unicode.',
  'unknown-key': 'A key that the pipeline.yaml schema does not define.',
  schema: 'A value that does not match the pipeline.yaml schema.',
};
