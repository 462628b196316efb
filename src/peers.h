/*
 * The brokers a client is cross-checked against: the peers of rules that
 * read "broker:" keys.  One run may hold the files of several clusters,
 * and the directory tree is what tells them apart, so a client file is
 * paired with the broker files nearest to it: those under the deepest
 * directory above the client that holds any broker file at all (its own
 * directory, else its parent, and so on up to the top of the run, which
 * holds them all).  Every live broker is a peer of every client, since a
 * run audits at most one cluster; a subject without a path (a live one,
 * standard input without --stdin-filename) stands at the top.  Paths are
 * compared by their names as given, empty and "." components aside,
 * without resolving "..", symbolic links or the working directory.
 */
#ifndef KA_PEERS_H
#define KA_PEERS_H

#include <stddef.h>
#include <stdint.h>

struct ka_settings;

struct ka_peers {
	const struct ka_settings **files;	/* owned array of borrowed:
						   the broker files, in the
						   order of dirs */
	char			 **dirs;	/* owned: the directory of
						   each, normalised */
	size_t			   nfiles;
	const struct ka_settings **live;	/* owned array of borrowed:
						   the live brokers, in the
						   order of the subjects */
	const struct ka_settings **byid;	/* owned array of borrowed:
						   the same, by broker id */
	size_t			   nlive;
};

/*
 * Index the brokers among n subjects, which must outlive p: broker files
 * and live brokers.
 */
void	ka_peers_init(struct ka_peers *,
	    const struct ka_settings *const *subjects, size_t n);
void	ka_peers_clear(struct ka_peers *);

/*
 * The broker files nearest to s, as a run of *count entries of p->files
 * (borrowed); *count is 0 when the run has no broker file.  The live
 * brokers, p->live, are peers of every subject besides.
 */
const struct ka_settings *const *ka_peers_files(const struct ka_peers *,
	    const struct ka_settings *s, size_t *count);

/*
 * The live broker of this id, the first of the subjects if several, for
 * comparing a broker file with the broker it configures; NULL if none.
 * Borrowed.
 */
const struct ka_settings	*ka_peers_live(const struct ka_peers *,
				    int32_t id);

#endif
