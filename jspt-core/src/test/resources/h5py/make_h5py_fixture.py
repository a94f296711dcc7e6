#!/usr/bin/python3
"""Writes h5py_stack.hdf: an EMAN2-layout stack written the way h5py writes, for EmanHdfH5pyTest.

Run with Debian's python3-h5py:  /usr/bin/python3 make_h5py_fixture.py  (in this folder).
What h5py does differently from EMAN2, and what the test checks:
  * str attributes become variable-length UTF-8 strings (EMAN2 writes fixed-length ASCII);
  * Python ints become int64 and Python floats float64; numpy arrays keep their dtype;
  * attributes may lack the "EMAN." prefix; the /MDF/images group may carry its own attributes;
  * the 2-D image is stored big-endian float32 (HDF5 converts on reading).
Values are small and exact so the test can compare them literally.
"""
import h5py
import numpy as np

with h5py.File("h5py_stack.hdf", "w", libver="earliest") as f:
    images = f.create_group("MDF/images")
    images.attrs.create("imageid_max", np.array([1], dtype="<i4"))
    images.attrs["origin_note"] = "written by h5py"          # -> Group.origin_note

    g0 = images.create_group("0")
    data0 = (np.arange(4 * 3 * 2, dtype="<f4") * 0.5 - 3.0).reshape(2, 3, 4)  # nz=2, ny=3, nx=4
    g0.create_dataset("image", data=data0)
    g0.attrs.create("EMAN.nx", np.array([4], dtype="<i4"))
    g0.attrs.create("EMAN.ny", np.array([3], dtype="<i4"))
    g0.attrs.create("EMAN.nz", np.array([2], dtype="<i4"))
    g0.attrs["EMAN.class_ptcl_src"] = "particles.hdf"     # variable-length UTF-8
    g0.attrs["EMAN.note"] = "Å/px ünïcode"                  # non-ASCII text
    g0.attrs["EMAN.apix_x"] = 4.25                           # float64 scalar
    g0.attrs["EMAN.defocus_pair"] = np.array([1.5, 2.5])     # float64 array: EMAN2 keeps the first
    g0.attrs["EMAN.count64"] = 42                            # int64 scalar
    g0.attrs["EMAN.coords"] = np.array([10, 20, 30], dtype="<i4")
    g0.attrs["EMAN.weights"] = np.array([0.25, 0.5], dtype="<f4")
    g0.attrs["EMAN.flag"] = np.array([ord("T")], dtype="i1")  # a C++ bool as EMAN2 stores it
    g0.attrs["tilt_series"] = "ts_01"                         # no EMAN. prefix: key kept as is
    g0.attrs["plain_int"] = np.array([7], dtype="<i4")
    g0.attrs["EMAN.python_bool"] = True                       # h5py enum: not an EMAN2 type, skipped

    g1 = images.create_group("1")
    data1 = (np.arange(5 * 2, dtype=">f4") - 4.0).reshape(2, 5)   # ny=2, nx=5, big-endian
    g1.create_dataset("image", data=data1)                       # no nx/ny/nz: from dataset dims
