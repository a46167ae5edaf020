/**
 * Builds a node's contextValue from flags: `pod+running+canStop+ssh`. package.json menus match flags with
 * `viewItem =~ /\+canStop/`, so a menu shows only what the pod's state and its cloud's capabilities allow.
 */
export function contextValue(type: string, flags: Record<string, boolean | undefined>): string {
  return [
    type,
    ...Object.keys(flags)
      .filter((k) => flags[k])
      .sort(),
  ].join('+');
}
