#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "source.h"
#include "xmalloc.h"

struct ka_source *
ka_source_new(const char *display, const char *text, size_t len)
{
	struct ka_source	*src;

	src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(display);
	src->text = xmalloc(len + 1);
	memcpy(src->text, text, len);
	src->text[len] = '\0';
	src->len = len;
	return src;
}

void
ka_source_free(struct ka_source *src)
{
	if (src == NULL)
		return;
	free(src->path);
	free(src->text);
	free(src);
}

/*
 * Read at most KA_SOURCE_MAX_BYTES + 1 bytes, so that a file one byte over
 * the bound is reported rather than silently cut.  Standard input and
 * pipes have no size to stat, hence the loop; size is what fstat said
 * (0 if nothing), for a buffer that fits.  The text keeps no spare room:
 * a run holds every file it audits.
 */
static int
slurp(int fd, size_t size, char **textp, size_t *lenp)
{
	char	*buf = NULL;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;

	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? (size > 0 ? size + 1 : 8192) :
			    cap * 2;
			if (cap > KA_SOURCE_MAX_BYTES + 1)
				cap = KA_SOURCE_MAX_BYTES + 1;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		if (len == cap)
			break;
		n = read(fd, buf + len, cap - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			free(buf);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len < cap)
		buf = xreallocarray(buf, len + 1, 1);
	buf[len] = '\0';
	*textp = buf;
	*lenp = len;
	return 0;
}

struct ka_source *
ka_source_read(const char *path, const char *display, struct ka_diags *ds)
{
	struct ka_source	*src;
	struct ka_loc		 loc;
	struct stat		 st;
	char			*text;
	size_t			 len, size = 0;
	int			 fd, is_stdin;

	is_stdin = strcmp(path, "-") == 0;
	if (display == NULL)
		display = is_stdin ? "<stdin>" : path;
	loc.path = display;
	loc.line = loc.col = 0;

	if (is_stdin)
		fd = STDIN_FILENO;
	else {
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1) {
			ka_diag(ds, KA_D_SOURCE_OPEN, &loc, "cannot open: %s",
			    strerror(errno));
			return NULL;
		}
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			ka_diag(ds, KA_D_SOURCE_NOT_REGULAR, &loc,
			    "not a regular file");
			close(fd);
			return NULL;
		}
		if ((unsigned long long)st.st_size > KA_SOURCE_MAX_BYTES) {
			ka_diag(ds, KA_D_SOURCE_TOO_LARGE, &loc,
			    "file is %lld bytes; the limit is %u",
			    (long long)st.st_size, KA_SOURCE_MAX_BYTES);
			close(fd);
			return NULL;
		}
		/* Regular files never block; clear the flag for clarity. */
		(void)fcntl(fd, F_SETFL, 0);
		size = (size_t)st.st_size;
	}
	if (slurp(fd, size, &text, &len) == -1) {
		ka_diag(ds, KA_D_SOURCE_READ, &loc, "read error: %s",
		    strerror(errno));
		if (!is_stdin)
			close(fd);
		return NULL;
	}
	if (!is_stdin)
		close(fd);

	if (len > KA_SOURCE_MAX_BYTES) {
		ka_diag(ds, KA_D_SOURCE_TOO_LARGE, &loc,
		    "input is larger than the limit of %u bytes",
		    KA_SOURCE_MAX_BYTES);
		free(text);
		return NULL;
	}
	if (memchr(text, '\0', len) != NULL) {
		ka_diag(ds, KA_D_SOURCE_BINARY, &loc,
		    "file contains NUL bytes; not a properties file");
		free(text);
		return NULL;
	}
	if (len == 0) {
		ka_diag(ds, KA_D_SOURCE_EMPTY, &loc, "file is empty");
		free(text);
		return NULL;
	}
	src = xcalloc(1, sizeof(*src));
	src->path = xstrdup(display);
	src->text = text;
	src->len = len;
	return src;
}
