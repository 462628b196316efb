/*
 * Which brokers each client is cross-checked against.  The broker files
 * are sorted by directory, in an order that keeps every subtree in one
 * run, so the nearest brokers of a client are found by a binary search
 * for each directory above it: no pairing of every client with every
 * broker file just to throw most pairs away.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "peers.h"
#include "settings.h"
#include "source.h"
#include "xmalloc.h"

struct entry {
	char				*dir;
	const struct ka_settings	*s;
	size_t				 order;
};

/*
 * The directory part of a path: its components joined by one slash,
 * without empty and "." ones, with a leading slash when it is absolute;
 * "" when the path names no directory.  Owned by the caller.
 */
static char *
dir_of(const char *path)
{
	const char	*p, *end, *last;
	char		*out, *o;
	size_t		 n;

	out = o = xmalloc(strlen(path) + 1);
	if ((last = strrchr(path, '/')) != NULL) {
		if (*path == '/')
			*o++ = '/';
		for (p = path; p < last; p = end + 1) {
			end = memchr(p, '/', (size_t)(last - p));
			if (end == NULL)
				end = last;
			n = (size_t)(end - p);
			if (n == 0 || (n == 1 && *p == '.'))
				continue;
			if (o > out && o[-1] != '/')
				*o++ = '/';
			memcpy(o, p, n);
			o += n;
		}
	}
	*o = '\0';
	return out;
}

/*
 * Directories in an order where a slash sorts before every other byte,
 * so that a directory is followed at once by everything below it: "a",
 * "a/b", "a-c" rather than strcmp's "a", "a-c", "a/b".
 */
static int
cmp_dir(const char *a, const char *b)
{
	for (; *a != '\0' && *a == *b; a++, b++)
		continue;
	if (*a == *b)
		return 0;
	if (*a == '\0' || *b == '\0')
		return *a == '\0' ? -1 : 1;
	if (*a == '/' || *b == '/')
		return *a == '/' ? -1 : 1;
	return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
}

static int
cmp_entry(const void *va, const void *vb)
{
	const struct entry	*a = va, *b = vb;
	int			 c;

	if ((c = cmp_dir(a->dir, b->dir)) != 0)
		return c;
	return (a->order > b->order) - (a->order < b->order);
}

/* 1 if directory d is top (the first len bytes of top) or below it. */
static int
below(const char *d, const char *top, size_t len)
{
	if (len == 0)
		return 1;
	if (strncmp(d, top, len) != 0)
		return 0;
	return d[len] == '\0' || d[len] == '/' || top[len - 1] == '/';
}

/* Live brokers by id, then in the order of the subjects. */
static int
cmp_live(const void *va, const void *vb)
{
	const struct entry	*a = va, *b = vb;
	int32_t			 x = a->s->broker->id, y = b->s->broker->id;

	if (x != y)
		return x < y ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

void
ka_peers_init(struct ka_peers *p, const struct ka_settings *const *subjects,
    size_t n)
{
	struct entry	*e, *l;
	size_t		 i, ne = 0;

	memset(p, 0, sizeof(*p));
	e = xcalloc(n + 1, sizeof(*e));
	l = xcalloc(n + 1, sizeof(*l));
	p->live = xcalloc(n + 1, sizeof(*p->live));
	for (i = 0; i < n; i++) {
		if (subjects[i]->role != KA_ROLE_BROKER)
			continue;
		if (subjects[i]->kind == KA_KIND_BROKER) {
			l[p->nlive].s = subjects[i];
			l[p->nlive].order = p->nlive;
			p->live[p->nlive++] = subjects[i];
		} else if (subjects[i]->kind == KA_KIND_FILE) {
			e[ne].dir = dir_of(subjects[i]->src->path);
			e[ne].s = subjects[i];
			e[ne].order = ne;
			ne++;
		}
	}
	qsort(e, ne, sizeof(*e), cmp_entry);
	p->files = xcalloc(ne + 1, sizeof(*p->files));
	p->dirs = xcalloc(ne + 1, sizeof(*p->dirs));
	for (i = 0; i < ne; i++) {
		p->files[i] = e[i].s;
		p->dirs[i] = e[i].dir;
	}
	p->nfiles = ne;
	qsort(l, p->nlive, sizeof(*l), cmp_live);
	p->byid = xcalloc(p->nlive + 1, sizeof(*p->byid));
	for (i = 0; i < p->nlive; i++)
		p->byid[i] = l[i].s;
	free(l);
	free(e);
}

void
ka_peers_clear(struct ka_peers *p)
{
	size_t	 i;

	for (i = 0; i < p->nfiles; i++)
		free(p->dirs[i]);
	free(p->dirs);
	free(p->files);
	free(p->byid);
	free(p->live);
	memset(p, 0, sizeof(*p));
}

/*
 * The broker files at or below the first len bytes of dir: *count of
 * them from the returned index on (the subtree is one run, see cmp_dir).
 */
static size_t
subtree(const struct ka_peers *p, const char *dir, size_t len,
    size_t *count)
{
	char	*top;
	size_t	 lo = 0, hi = p->nfiles, mid, first;

	top = xstrndup(dir, len);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_dir(p->dirs[mid], top) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	hi = p->nfiles;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (below(p->dirs[mid], top, len))
			lo = mid + 1;
		else
			hi = mid;
	}
	*count = lo - first;
	free(top);
	return first;
}

const struct ka_settings *const *
ka_peers_files(const struct ka_peers *p, const struct ka_settings *s,
    size_t *count)
{
	char	*dir;
	size_t	 len, first;

	*count = p->nfiles;
	if (p->nfiles == 0 || s->kind != KA_KIND_FILE || s->src == NULL)
		return p->files;
	dir = dir_of(s->src->path);
	len = strlen(dir);
	/* The directory itself, then each one above it up to the top. */
	for (;;) {
		first = subtree(p, dir, len, count);
		if (*count > 0 || len == 0)
			break;
		while (len > 0 && dir[len - 1] != '/')
			len--;
		if (len > 0)
			len--;
	}
	free(dir);
	return p->files + first;
}

const struct ka_settings *
ka_peers_live(const struct ka_peers *p, int32_t id)
{
	size_t	 lo = 0, hi = p->nlive, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->byid[mid]->broker->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->nlive && p->byid[lo]->broker->id == id)
		return p->byid[lo];
	return NULL;
}
