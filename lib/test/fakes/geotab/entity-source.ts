// Looks up a type's entities, refusing type names this fake does not hold.
import { GeotabException } from "./geotab-exception";
import type { TEntitySource, TGeotabEntities, TGeotabTypeName } from "./geotab-types";

/** The entities of `typeName`, or ArgumentException for an unknown type. */
export const entitySource = ({ entities, typeName }: { entities: TGeotabEntities; typeName: string }): { typeName: TGeotabTypeName; source: TEntitySource<object> } => {
  if (!Object.hasOwn(entities, typeName)) throw new GeotabException("ArgumentException", `Unknown type '${typeName}'.`);
  return { typeName: typeName as TGeotabTypeName, source: entities[typeName as TGeotabTypeName] };
};
