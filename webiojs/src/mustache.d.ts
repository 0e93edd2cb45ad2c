// The part of mustache.js (which ships no types) that put_widget uses.
declare module 'mustache' {
  const Mustache: {
    render(template: string, view: unknown): string;
    escape(text: string): string;
  };
  export default Mustache;
}
