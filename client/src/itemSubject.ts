/**
 * What the item's tooltip speaks of: in a Terraform file or template, the resource under the cursor (its URI
 * ends in `#address`), not the whole file.
 */
export function itemSubject(resource: string | undefined): string {
  return resource ? `the resource ${resource.slice(resource.indexOf('#') + 1)}` : 'this file';
}
