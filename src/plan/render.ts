// The plan's output formats by name: table for people, json for tools, mermaid for diagrams, html for a standalone page.
import type { Plan } from './plan.js';
import { ANSI, PLAIN, renderTable } from './table.js';
import { renderMermaid } from './mermaid.js';
import { renderHtml } from './html.js';

export const PLAN_FORMATS = ['table', 'json', 'mermaid', 'html'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export function renderPlan(plan: Plan, format: PlanFormat, options: { color: boolean } = { color: false }): string {
  switch (format) {
    case 'table':
      return renderTable(plan, options.color ? ANSI : PLAIN);
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'mermaid':
      return renderMermaid(plan);
    case 'html':
      return renderHtml(plan);
  }
}
