/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.qslice.kms.etsi;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Where an SAE's id comes from in its verified client certificate: the subject's common name, or a subject
 * alternative name URI starting with a prefix (the rest of the URI is the id), as an operator's CA issues them. The
 * prefix is kept in both modes: certificates the KMS issues carry the SAN URI too, so that they serve either rule.
 *
 * @param fromSanUri take the id from a SAN URI (else from the CN)
 * @param uriPrefix the prefix of the SAN URI that names the SAE, e.g. {@code urn:qslice:sae:}; empty: the whole URI
 *     is the id
 */
public record SaeIdentity(boolean fromSanUri, String uriPrefix) {
    /** The default prefix of SAN URIs naming an SAE. */
    public static final String DEFAULT_URI_PREFIX = "urn:qslice:sae:";
    /** The id is the certificate's single common name (the built-in CA issues them so). */
    public static final SaeIdentity COMMON_NAME = new SaeIdentity(false, DEFAULT_URI_PREFIX);

    private static final Pattern SAE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    private static final int SAN_URI = 6;

    /**
     * Checks the prefix.
     *
     * @param fromSanUri SAN URI or CN
     * @param uriPrefix prefix
     */
    public SaeIdentity {
        requireNonNull(uriPrefix);
    }

    /**
     * Parses the configured mode: {@code cn} or {@code san-uri}.
     *
     * @param mode the mode
     * @param uriPrefix the SAN URI prefix
     * @return the identity rule
     * @throws IllegalArgumentException for another mode
     */
    public static SaeIdentity of(final String mode, final String uriPrefix) {
        return switch (mode) {
            case "cn" -> new SaeIdentity(false, uriPrefix);
            case "san-uri" -> new SaeIdentity(true, uriPrefix);
            default -> throw new IllegalArgumentException("saeIdentity must be cn or san-uri, not " + mode);
        };
    }

    /**
     * Returns the SAE id a verified certificate names.
     *
     * @param certificate the client's leaf certificate
     * @return the SAE id
     * @throws IllegalArgumentException if the certificate names no SAE, or more than one, under this rule
     */
    public String saeId(final X509Certificate certificate) {
        if (!fromSanUri) {
            final RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
            if (names.length != 1) {
                throw new IllegalArgumentException("client certificate must have exactly one common name");
            }
            return checked(IETFUtils.valueToString(names[0].getFirst().getValue()));
        }
        final Collection<List<?>> alternatives;
        try {
            alternatives = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("client certificate has malformed subject alternative names", e);
        }
        String id = null;
        if (alternatives != null) {
            for (List<?> name : alternatives) {
                if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))
                    && name.get(1) instanceof String uri && uri.startsWith(uriPrefix)) {
                    if (id != null) {
                        throw new IllegalArgumentException("client certificate names more than one SAE ("
                            + uriPrefix + "...)");
                    }
                    id = uri.substring(uriPrefix.length());
                }
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("client certificate has no subject alternative name URI " + uriPrefix
                + "<SAE id>");
        }
        return checked(id);
    }

    /**
     * Whether a string is a well-formed SAE id: 1-128 characters of {@code A-Z a-z 0-9 . _ : -} (the YANG
     * {@code sae-id}).
     *
     * @param id the string
     * @return true if well-formed
     */
    public static boolean isSaeId(final String id) {
        return SAE_ID.matcher(id).matches();
    }

    /**
     * Returns the SAN URI that names an SAE under this rule's prefix.
     *
     * @param saeId the SAE id
     * @return {@code uriPrefix + saeId}
     */
    public String sanUri(final String saeId) {
        return uriPrefix + saeId;
    }

    private static String checked(final String id) {
        if (!isSaeId(id)) {
            throw new IllegalArgumentException("the SAE id in the client certificate is malformed");
        }
        return id;
    }
}
