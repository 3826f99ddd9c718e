import type { Resource } from 'i18next';

/**
 * Every namespace's messages: `src/locales/{zh,en}/common.json` and each feature's
 * `src/features/<feature>/locales/{zh,en}.json` (namespace = the feature's folder name).
 */
const common = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });
const features = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/*.json', {
  eager: true,
});

export function editorResources(): Resource {
  const resources: Resource = { zh: {}, en: {} };
  for (const [path, module] of Object.entries(common)) {
    const [, language, namespace] = /locales\/(zh|en)\/([\w-]+)\.json$/.exec(path) ?? [];
    if (language && namespace) (resources[language] as Record<string, unknown>)[namespace] = module.default;
  }
  for (const [path, module] of Object.entries(features)) {
    const [, namespace, language] = /features\/([\w-]+)\/locales\/(zh|en)\.json$/.exec(path) ?? [];
    if (language && namespace) (resources[language] as Record<string, unknown>)[namespace] = module.default;
  }
  return resources;
}
