// jQuery ships no types; the page only hands it to the developer's code as `$` and `jQuery`.
declare module 'jquery' {
  const jQuery: unknown;
  export default jQuery;
}
