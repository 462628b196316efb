/*
 * Paths as CI reports them: relative to a base directory (--path-base,
 * else the working directory), with forward slashes and no "." or ".."
 * steps, so that a report names a file the same way from run to run and
 * from machine to machine.  Fingerprints and baselines use the same
 * paths.  Only the base and the working directory are resolved through
 * symbolic links; an audited path is normalised as written.
 */
#ifndef KA_PATHBASE_H
#define KA_PATHBASE_H

struct ka_diags;

struct ka_pathbase {
	char	*base;		/* owned: absolute and physical, or NULL
				   when it could not be found */
	char	*cwd;		/* owned: the same for the working
				   directory, or NULL */
};

/*
 * Resolve dir (NULL: the working directory).  Returns 0, or -1 after a
 * usage diagnostic; paths are then returned as given.
 */
int	 ka_pathbase_init(struct ka_pathbase *, const char *dir,
	    struct ka_diags *);
void	 ka_pathbase_clear(struct ka_pathbase *);

/*
 * path relative to the base ("config/server.properties"); a path outside
 * the base stays absolute, and *inside (if not NULL) says which.  Owned
 * by the caller.
 */
char	*ka_pathbase_rel(const struct ka_pathbase *, const char *path,
	    int *inside);

#endif
