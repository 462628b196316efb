#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "walk.h"
#include "xmalloc.h"

void
ka_walk_init(struct ka_walk *w)
{
	memset(w, 0, sizeof(*w));
}

void
ka_walk_clear(struct ka_walk *w)
{
	size_t	 i;

	for (i = 0; i < w->len; i++)
		free(w->v[i].path);
	free(w->v);
	ka_walk_init(w);
}

/* 1 if the file's name says it is a Java properties file. */
static int
is_props(const char *path)
{
	const char	*base = strrchr(path, '/');

	base = base == NULL ? path : base + 1;
	return fnmatch("*.properties", base, 0) == 0;
}

static void
push(struct ka_walk *w, char *path, int found)
{
	struct ka_walk_item	*it;

	if (w->len == w->cap) {
		w->cap = w->cap == 0 ? 64 : w->cap * 2;
		w->v = xreallocarray(w->v, w->cap, sizeof(*w->v));
	}
	it = &w->v[w->len++];
	it->path = path;
	it->found = found;
	it->props = is_props(path);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Walk one directory in name order, so that output and exit status do not
 * depend on the file system's order.  Hidden entries (.git and the like)
 * are skipped; symbolic links to directories are not followed, which also
 * rules out loops.
 */
static int
walk_dir(struct ka_walk *w, const char *dir, unsigned int depth,
    struct ka_diags *ds)
{
	struct ka_loc	 loc;
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		**names = NULL, *path;
	size_t		 n = 0, cap = 0, i;
	int		 added = 0, rc;

	loc.path = dir;
	loc.line = loc.col = 0;
	if (depth > KA_WALK_MAX_DEPTH) {
		ka_diag(ds, KA_D_WALK_TOO_DEEP, &loc,
		    "more than %d directory levels; not descended",
		    KA_WALK_MAX_DEPTH);
		return -1;
	}
	d = opendir(dir);
	if (d == NULL) {
		ka_diag(ds, KA_D_SOURCE_OPEN, &loc, "cannot open directory: %s",
		    strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);

	for (i = 0; i < n; i++) {
		/* "check ." reports "a.properties", not "./a.properties". */
		if (strcmp(dir, ".") == 0)
			path = xstrdup(names[i]);
		else if (dir[strlen(dir) - 1] == '/')
			path = xasprintf("%s%s", dir, names[i]);
		else
			path = xasprintf("%s/%s", dir, names[i]);
		free(names[i]);
		if (lstat(path, &st) == -1) {
			free(path);
			continue;
		}
		if (S_ISLNK(st.st_mode)) {
			if (stat(path, &st) == -1) {
				/*
				 * A broken link is news only where a
				 * config was meant to be.
				 */
				if (is_props(path)) {
					loc.path = path;
					ka_diag(ds, KA_D_SOURCE_OPEN, &loc,
					    "cannot follow the symbolic link: "
					    "%s", strerror(errno));
					loc.path = dir;
				}
				free(path);
				continue;
			}
			if (S_ISDIR(st.st_mode)) {
				loc.path = path;
				ka_diag(ds, KA_D_WALK_SYMLINK, &loc,
				    "symbolic link to a directory; not "
				    "followed");
				loc.path = dir;
				free(path);
				continue;
			}
		}
		if (S_ISDIR(st.st_mode)) {
			rc = walk_dir(w, path, depth + 1, ds);
			if (rc > 0)
				added += rc;
			free(path);
		} else if (S_ISREG(st.st_mode)) {
			push(w, path, 1);
			added++;
		} else
			free(path);
	}
	free(names);
	return added;
}

int
ka_walk_add(struct ka_walk *w, const char *path, struct ka_diags *ds)
{
	struct stat	 st;

	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return walk_dir(w, path, 0, ds);
	push(w, xstrdup(path), 0);
	return 1;
}
