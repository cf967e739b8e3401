/** word-list 2 (CommonJS): the path of a text file with one English word per line. */
declare module 'word-list' {
  const wordListPath: string;
  export default wordListPath;
}
