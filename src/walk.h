/*
 * Expanding the PATH arguments of check into a list of files: a file is
 * taken as it is, a directory is walked recursively in name order.
 */
#ifndef KA_WALK_H
#define KA_WALK_H

#include <stddef.h>

struct ka_diags;

#define KA_WALK_MAX_DEPTH	32

struct ka_walk_item {
	char	*path;		/* owned */
	int	 found;		/* 1 if found inside a directory */
	int	 props;		/* 1 if named *.properties */
};

struct ka_walk {
	struct ka_walk_item	*v;	/* owned array */
	size_t			 len, cap;
};

void	ka_walk_init(struct ka_walk *);
void	ka_walk_clear(struct ka_walk *);

/*
 * Add path: itself if it is not a directory (opening it later reports any
 * problem), else every regular file below it, skipping hidden entries.
 * Returns the number of files added, or -1 after a diagnostic.
 */
int	ka_walk_add(struct ka_walk *, const char *path, struct ka_diags *);

#endif
