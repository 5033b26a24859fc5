# expect: TFL102
import numpy as np
from imblearn.under_sampling import RandomUnderSampler
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression


def balance(features, target):
    rus = RandomUnderSampler(sampling_strategy=0.5)
    return rus.fit_resample(features, target)


X = np.load("fraud_X.npy")
y = np.load("fraud_y.npy")
Xb, yb = balance(X, y)
Xtr, Xte, ytr, yte = train_test_split(Xb, yb, test_size=0.25)
print(LogisticRegression().fit(Xtr, ytr).score(Xte, yte))
