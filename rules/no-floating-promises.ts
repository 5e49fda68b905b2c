import { createRule } from '../src/util/create-rule';

// Placeholder so the plugin entry and presets are wired; the real rule replaces it.
export default createRule({
  name: 'no-floating-promises',
  meta: {
    type: 'problem',
    docs: { description: 'TODO', recommended: 'recommended' },
    messages: { todo: 'TODO' },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
