/*
 * Relative paths for reports: the path is made absolute against the
 * working directory, normalised step by step, and cut at the base.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "pathbase.h"
#include "xmalloc.h"

int
ka_pathbase_init(struct ka_pathbase *pb, const char *dir,
    struct ka_diags *d)
{
	char	 buf[PATH_MAX];

	memset(pb, 0, sizeof(*pb));
	if (getcwd(buf, sizeof(buf)) != NULL)
		pb->cwd = xstrdup(buf);
	if (dir == NULL) {
		if (pb->cwd != NULL)
			pb->base = xstrdup(pb->cwd);
		return 0;
	}
	if (realpath(dir, buf) == NULL) {
		ka_diag(d, KA_D_USAGE, NULL, "invalid --path-base '%s': %s",
		    dir, strerror(errno));
		return -1;
	}
	pb->base = xstrdup(buf);
	return 0;
}

void
ka_pathbase_clear(struct ka_pathbase *pb)
{
	free(pb->base);
	free(pb->cwd);
	memset(pb, 0, sizeof(*pb));
}

/* Append the n bytes of a step to the absolute path in out (at *len). */
static void
step(char *out, size_t *len, const char *s, size_t n)
{
	if (n == 0 || (n == 1 && s[0] == '.'))
		return;
	if (n == 2 && s[0] == '.' && s[1] == '.') {
		while (*len > 0 && out[*len - 1] != '/')
			(*len)--;
		if (*len > 0)
			(*len)--;	/* the slash; "/.." is "/" */
		return;
	}
	out[(*len)++] = '/';
	memcpy(out + *len, s, n);
	*len += n;
}

/* Add the steps of path to out, which holds *len bytes. */
static void
steps(char *out, size_t *len, const char *path)
{
	size_t	 n;

	while (*path != '\0') {
		n = strcspn(path, "/");
		step(out, len, path, n);
		path += n;
		path += strspn(path, "/");
	}
}

char *
ka_pathbase_rel(const struct ka_pathbase *pb, const char *path,
    int *inside)
{
	char	*abs;
	size_t	 len = 0, blen;

	if (inside != NULL)
		*inside = 0;
	if (pb == NULL || pb->base == NULL ||
	    (path[0] != '/' && pb->cwd == NULL))
		return xstrdup(path);
	abs = xmalloc(strlen(path) + (pb->cwd != NULL ?
	    strlen(pb->cwd) : 0) + 3);
	if (path[0] != '/')
		steps(abs, &len, pb->cwd);
	steps(abs, &len, path);
	if (len == 0)
		abs[len++] = '/';
	abs[len] = '\0';

	blen = strlen(pb->base);
	if (strcmp(pb->base, "/") == 0)
		blen = 0;
	if (strncmp(abs, pb->base, blen) == 0 &&
	    (abs[blen] == '/' || abs[blen] == '\0')) {
		if (inside != NULL)
			*inside = 1;
		if (abs[blen] == '\0') {
			free(abs);
			return xstrdup(".");
		}
		memmove(abs, abs + blen + 1, len - blen);
	}
	return abs;
}
