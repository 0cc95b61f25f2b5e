/**
 * Where output goes and how failures read: {@link dev.stagesh.console.Printer} (stdout, stderr,
 * colour through JLine's styles, the terminal's width) and {@link dev.stagesh.console.ErrorMessages}
 * (one line for any failure). Both the launcher ({@code cli}) and the shell use it, so neither
 * imports the other for it.
 */
package dev.stagesh.console;
