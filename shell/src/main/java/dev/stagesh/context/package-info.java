/**
 * The build context: what {@code docker build} sends and what COPY/ADD take from it. Pure logic over the
 * local filesystem; no Docker calls.
 *
 * <p>Typical use by the step engine:
 * <pre>{@code
 * BuildContext ctx = BuildContext.open(contextDir);           // reads .dockerignore
 * List<ContextEntry> shown = ctx.walk();                      // the `context` command
 *
 * CopySources sources = ctx.resolve(copy.sources());          // errors are ContextException, one line
 * String cacheKey = ctx.checksum(sources, options);           // content key of the COPY
 * Ownership owner = OwnerIds.parse(passwd, group).resolve("app:staff");
 * CopyOptions options = CopyOptions.defaults().withChown(owner).withChmod("0755");
 * TarPlan plan = ctx.plan(sources, copy.dest(), workdir, options, snapshot::isDirectory);
 * plan.writeTo(tarStream);                                    // extract at "/" of the container
 * }</pre>
 *
 * <p>Every user-facing failure is a {@link dev.stagesh.context.ContextException} whose message is meant to be
 * printed as is.
 */
package dev.stagesh.context;
