package org.mediapath.api.pbx;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.mediapath.api.report.DiagnosisRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The PBXs kept by name. Each stored PBX is a Config Admin factory configuration
 * ({@link #FACTORY_PID}), editable on the Web Console's Configuration page too; its secret is
 * written to the directory's own data area, readable by the owner only, and is never handed out
 * again: no method returns it.
 */
@ProviderType
public interface PbxDirectory {

	/** The factory PID of the PBX configurations. */
	String FACTORY_PID = "org.mediapath.pbx";

	/** @return every PBX, built-in ones first, then by name */
	List<PbxEntry> list();

	/**
	 * @param name a PBX name
	 * @return the PBX, if one has that name
	 */
	Optional<PbxEntry> get(String name);

	/**
	 * The diagnosis of a PBX: its addresses and ports, and its stored secret by reference.
	 *
	 * @param name a PBX name
	 * @return the request
	 * @throws IllegalArgumentException if no PBX has that name, or it names a responder but no
	 *         secret is stored for it
	 */
	DiagnosisRequest request(String name);

	/**
	 * Creates or replaces a PBX (by name). Not for built-in entries.
	 *
	 * @param entry the PBX; its {@code secretStored} and {@code builtIn} are ignored
	 * @param secret a new secret (one line), or empty to keep the stored one
	 * @throws IllegalArgumentException naming what is wrong (a built-in name, a multi-line secret)
	 * @throws IllegalStateException if it cannot be stored
	 */
	void save(PbxEntry entry, Optional<String> secret);

	/**
	 * Removes a stored PBX and its secret.
	 *
	 * @param name a PBX name
	 * @return whether there was one
	 */
	boolean remove(String name);

	/**
	 * Offers a PBX the runtime itself provides for as long as it runs (the standalone console's
	 * loopback responder). It is listed first and is not stored.
	 *
	 * @param entry the PBX
	 * @param secretFile the file holding its responder's secret
	 */
	void offerBuiltIn(PbxEntry entry, Path secretFile);

	/**
	 * Withdraws a built-in PBX.
	 *
	 * @param name its name
	 */
	void withdrawBuiltIn(String name);
}
