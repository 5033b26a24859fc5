# expect: clean
import numpy as np
import sklearn.preprocessing as pp
from sklearn import model_selection, svm

data = np.loadtxt("features.csv", delimiter=",")
features, labels = data[:, :-1], data[:, -1]
xtr, xte, ytr, yte = model_selection.train_test_split(features, labels, stratify=labels)
mm = pp.MinMaxScaler(feature_range=(0, 1))
mm.fit(xtr)
xtr, xte = mm.transform(xtr), mm.transform(xte)
svc = svm.SVC(C=10).fit(xtr, ytr)
print(svc.score(xte, yte))
