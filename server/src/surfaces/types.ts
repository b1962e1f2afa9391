import type { DeployContext } from '../service/context/types';
import type { EcsDocument } from '../service/document';
import type { DocumentKind } from '../service/documentKind';
import type { Problem } from '../service/problem';
import type { EcsLensSettings } from '../service/settings';
import type { DeclaredCapacity } from './capacity';
import type { Steps } from '../shared/steps';
import type { Segment, SourceMap } from './sourceMap';

/** The syntaxes ECS resources are written in. */
export type SurfaceId = 'json' | 'terraform' | 'cloudformation' | 'appspec';

/**
 * Where an API-shaped document was read from, when that is not a JSON file of its own: the source file,
 * the resource's address in it, and the map from the document's text back to the source.
 */
export interface SurfaceOrigin {
  surface: SurfaceId;
  /** The source file's URI (the document's own `uri` is this URI with `#address`). */
  uri: string;
  /** The resource, as the surface names it: `aws_ecs_service.web`, `WebService`. */
  address: string;
  /** The source range of the whole resource (for symbols and go to definition). */
  range: { offset: number; length: number };
  /** The source range of the resource's name (for symbols and go to definition). */
  nameRange: { offset: number; length: number };
  map: SourceMap;
  /** The resource type as the surface writes it (`aws_ecs_task_definition`, `AWS::ECS::Service`). */
  resourceType: string;
  /** For a service: the capacity providers the file declares beside it, which the simulator adds to the cluster's. */
  capacity?: DeclaredCapacity;
  /**
   * What the resource's references resolve in (a Terraform module: the folder of its .tf files; a template):
   * a pairing made through a reference holds within it.
   */
  module?: string;
  /**
   * Set when the document pairs through a reference of its surface (a service naming
   * `aws_ecs_task_definition.app`, a task definition known by its address): it pairs only within `module`.
   */
  pairsWithinModule?: boolean;
  /** The tool that applies the resource, when the surface decides it (Terraform resources: terraform); it wins over the repository's guess. */
  deployContext?: DeployContext;
}

/** One API-shaped document a surface adapter found in a source file, before it is parsed. */
export interface SurfaceDocumentText {
  kind: DocumentKind;
  /** The document as the ECS API takes it (JSON text); positions map back through `origin.map`. */
  text: string;
  origin: SurfaceOrigin;
  /**
   * The family the document pairs by, when its text cannot say (a task definition whose family is a
   * variable, a service that names its task definition by reference): the referenced resource's address.
   */
  pairingFamily?: string;
}

/** What a surface adapter makes of a source file. */
export interface SurfaceReading {
  documents: SurfaceDocumentText[];
  /** Mistakes of the surface itself (an argument the resource lacks, a reference to nothing), at source offsets. */
  problems: Problem[];
}

/** A source file as ECS Lens reads it: its documents (API-shaped, each parsed once) and its own problems. */
export interface SourceFile {
  uri: string;
  text: string;
  surface: SurfaceId;
  documents: EcsDocument[];
  problems: Problem[];
}

/**
 * One syntax ECS resources are written in. `recognises` decides by name and content (cheaply: it runs on
 * every file the workspace scan considers); `read` maps the file to API-shaped documents.
 */
export interface Surface {
  id: SurfaceId;
  /** Loads what `read` needs (a parser's WebAssembly); `readSourceFile` reads no file of this surface before it resolves. */
  prepare?(): Promise<void>;
  /** File-name endings (lower case, with the dot) of files that may be written in this syntax: what folder walks look at. */
  extensions: readonly string[];
  /** True when the file is written in this surface's syntax and may hold ECS resources. */
  recognises(uri: string, text: string, settings: EcsLensSettings): boolean;
  /** In steps that may pause between resources (`runSteps` runs them at once). */
  read(uri: string, text: string, settings: EcsLensSettings): Steps<SurfaceReading>;
  /**
   * The source text of a quick fix's edit that replaces a whole value or member name (`newText` is JSON,
   * as the rules write it): a value in the surface's syntax, a name in its spelling. Undefined when the
   * edit cannot be written there; the fix is then not offered.
   */
  renderEdit(newText: string, segment: Segment, sourceText: string): string | undefined;
  /**
   * The surface's own words on a problem a rule found (e.g. that Terraform drops an unknown member silently);
   * undefined drops it (a note that would only say what the surface makes plain, such as an unknown value).
   */
  annotate?(problem: Problem, doc: EcsDocument): Problem | undefined;
  /**
   * Completion of a member name where the source is not JSON: how to write the API member `name` (its
   * value's JSON snippet `valueSnippet`, as completion offers it) at `offset` of `sourceText`, inside the
   * object it would join. Several entries where the surface spells one member several ways (a block and an
   * argument), none where the member cannot be written there.
   */
  renderMember?(member: MemberCompletion, sourceText: string, offset: number): RenderedMember[];
  /**
   * An API member's name as the surface spells it (`memory` → `Memory`), for the member names rules write
   * in their messages; undefined keeps the API's name. Without this hook messages keep the API's names.
   */
  memberName?(apiName: string): string | undefined;
  /**
   * Where the syntax places a member by its indentation (YAML): for a name starting at `offset` of
   * `sourceText` (the name blanked), a source offset inside the object it would join and in none of its
   * members; undefined where no member can start. Without this hook the name's own offset is used.
   */
  memberAnchor?(sourceText: string, offset: number): number | undefined;
  /**
   * The source range of the scalar value being written at `offset` (a plain YAML scalar, or an empty range
   * where a value is still to be written), for completion of values there; undefined elsewhere.
   */
  valueAt?(sourceText: string, offset: number): { offset: number; length: number } | undefined;
  /**
   * Where the cursor stands where a value is yet to be written (`network_mode = |`, a half-typed bare word
   * after `=`): completion reads the placeholder there to learn the member, and writes each value the member
   * takes with `renderEdit`. Undefined elsewhere.
   */
  valueSlot?(sourceText: string, offset: number): ValueSlot | undefined;
}

/** A value not written yet at the cursor: the source range the value will take and a placeholder to read there. */
export interface ValueSlot {
  /** The range a completed value replaces (the word typed so far, or the empty range at the cursor). */
  start: number;
  end: number;
  /** A value in the surface's syntax that reads as a string, read in the range's place to learn the member. */
  placeholder: string;
}

/** An API member completion offers in an object: its name and its value as a JSON snippet (`"$1"`, `[$1]`). */
export interface MemberCompletion {
  name: string;
  valueSnippet: string;
}

/** A member written in the surface's syntax: the name the user picks and the snippet inserted. */
export interface RenderedMember {
  label: string;
  newText: string;
  /** The text carries its own indentation after its first line (the client must not indent it again). */
  asIs?: boolean;
}
