export { generatePlaybook, pyLiteral, type PlaybookMeta } from './generate';
