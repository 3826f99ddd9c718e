/** What every tab of a version's screen receives: it reads the document through useVersionDocument. */
export interface VersionTabProps {
  rulesetKey: string;
  version: string;
}
